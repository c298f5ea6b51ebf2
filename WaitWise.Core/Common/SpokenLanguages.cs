namespace WaitWise.Core.Common;

/// <summary>
/// The languages WaitWise speaks, by culture name: a business's default (its board, kiosk and the messages of people
/// who gave none) and a customer's (their messages) must be one of these.
/// </summary>
public static class SpokenLanguages
{
    public const string Default = "en";
    public const int NameMaxLength = 8;

    public static readonly IReadOnlyList<string> Names = ["en", "fr", "es", "ar"];

    public static bool IsSupported(string? name) => name is not null && Names.Contains(name);
}
