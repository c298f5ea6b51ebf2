using WaitWise.DevPostgres;

namespace WaitWise.Tests.Integration;

/// <summary>The nginx configuration the README tells users to copy is the one the tests and scripts/cluster run.</summary>
public sealed class ProxyConfiguration
{
    [Fact]
    public void TheReadmeShowsTheConfigurationThatRunsWithItsExampleNodes()
    {
        var readme = File.ReadAllText(Path.Combine(Infrastructure.Browser.RepositoryRoot(), "README.md"));
        var example = NginxProxy.SiteConfiguration([new Uri("http://10.0.0.11:8080"), new Uri("http://10.0.0.12:8080")], "80");

        Assert.Contains("```nginx\n" + example.TrimEnd('\n') + "\n```", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
