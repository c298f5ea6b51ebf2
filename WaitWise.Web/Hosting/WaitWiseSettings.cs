namespace WaitWise.Web.Hosting;

/// <summary>Configuration keys of WaitWise (appsettings.json at the repository root, overridden by the environment).</summary>
public static class WaitWiseSettings
{
    public const string ConnectionStringName = "WaitWise";
    public const string SeedDemo = "WaitWise:SeedDemo";
    public const string DataDirectory = "WaitWise:DataDirectory";
}
