using WaitWise.Core.Common;

namespace WaitWise.Core.Businesses;

/// <summary>
/// A business as its owner sets it up: a name, the IANA time zone its opening hours are read in, and the language its
/// board and kiosk speak.
/// </summary>
public sealed record BusinessSettings(string Name, string TimeZoneId, string Language = SpokenLanguages.Default)
{
    public const int TimeZoneIdMaxLength = 64;

    /// <summary>Trims the text, so " Demo " and "Demo" are one name.</summary>
    public BusinessSettings Normalized() => new(Name.Trim(), TimeZoneId.Trim(), Language.Trim());

    /// <summary>Every field that is wrong, keyed by the field's camelCase name; empty when all are valid.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (Name.Length is 0 or > Business.NameMaxLength || Name.Any(char.IsControl))
        {
            problems["name"] = [$"A business needs a name of 1 to {Business.NameMaxLength} characters, without control characters."];
        }
        if (!IsIanaTimeZone(TimeZoneId))
        {
            problems["timeZoneId"] = ["Pick an IANA time zone such as Europe/Paris or America/New_York."];
        }
        if (!SpokenLanguages.IsSupported(Language))
        {
            problems["language"] = [$"Pick one of WaitWise's languages: {string.Join(", ", SpokenLanguages.Names)}."];
        }
        return problems;
    }

    /// <summary>
    /// A zone this machine knows by its IANA name. Windows names ("Romance Standard Time") are refused even where
    /// .NET would translate them: PostgreSQL, which buckets the analytics by local time, knows IANA names only.
    /// </summary>
    public static bool IsIanaTimeZone(string id) =>
        id.Length is > 0 and <= TimeZoneIdMaxLength &&
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}

/// <summary>A business as its owner and the platform admins see it.</summary>
public sealed record BusinessDetails(
    Guid Id,
    string Name,
    string TimeZoneId,
    BusinessStatus Status,
    string OwnerId,
    string OwnerEmail,
    DateTimeOffset CreatedAt,
    int QueueCount,
    int OpenTickets,
    string Language = SpokenLanguages.Default);
