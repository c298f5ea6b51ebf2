namespace WaitWise.Data.Migrations;

/// <summary>
/// The SQL scripts under Migrations/Sql, embedded in the assembly. Each is named after the one migration that runs it
/// and is never edited once that migration has landed: a change to a database function is a new migration with a
/// script of its own, so what an old migration does never changes under a database.
/// </summary>
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
