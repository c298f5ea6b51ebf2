using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;

namespace WaitWise.Tests.Components;

/// <summary>An environment of a given name, for components that behave differently in Development.</summary>
public sealed class TestHostEnvironment(string environmentName) : IWebHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;
    public string ApplicationName { get; set; } = "WaitWise.Web";
    public string WebRootPath { get; set; } = "";
    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
    public string ContentRootPath { get; set; } = "";
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
