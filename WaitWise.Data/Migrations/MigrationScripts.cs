namespace WaitWise.Data.Migrations;

/// <summary>The SQL scripts under Migrations/Sql, embedded in the assembly.</summary>
internal static class MigrationScripts
{
    public static string Read(string fileName)
    {
        using var stream = typeof(MigrationScripts).Assembly.GetManifestResourceStream("WaitWise.Data.Migrations.Sql." + fileName)
            ?? throw new InvalidOperationException($"The script {fileName} is not embedded in WaitWise.Data.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
