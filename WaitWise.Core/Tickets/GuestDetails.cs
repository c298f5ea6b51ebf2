using System.Net.Mail;
using System.Text.RegularExpressions;
using WaitWise.Core.Common;

namespace WaitWise.Core.Tickets;

/// <summary>
/// What a guest (someone without an account) gives to join a queue: a name or nickname, and optionally an e-mail and
/// a mobile number in E.164 form, for the notifications sent later. Text is trimmed.
/// </summary>
public sealed partial record GuestDetails(string? Name, string? Email = null, string? Phone = null)
{
    public const int NameMaxLength = 60;
    public const int EmailMaxLength = 256;

    /// <summary>The language of the guest's messages (the page's they joined from); the business's when none.</summary>
    public string? Language { get; init; }

    public GuestDetails Normalized() =>
        new(Name?.Trim() ?? "", Blank(Email), Blank(Phone)) { Language = SpokenLanguages.IsSupported(Language) ? Language : null };

    /// <summary>Every field that is wrong, keyed by its camelCase name; empty when all are right.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > NameMaxLength || name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            problems["name"] = [$"Give a name or nickname of 1 to {NameMaxLength} characters (no control characters)."];
        }
        if (Blank(Email) is { } email && (email.Length > EmailMaxLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            problems["email"] = ["That is not an e-mail address."];
        }
        if (Blank(Phone) is { } phone && !E164().IsMatch(phone))
        {
            problems["phone"] = ["Give the mobile number in international form, such as +447700900123."];
        }
        return problems;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}

/// <summary>A guest's ticket as its holder gets it at the join: where it stands, and the key that holds it.</summary>
public sealed record GuestTicket(TicketPosition Placed, string Key);

/// <summary>
/// A guest as staff see them: the name they gave, and whether they left a phone number or an e-mail (the numbers
/// themselves are for the notifications, not for the screen).
/// </summary>
public sealed record GuestContact(string Name, bool HasPhone, bool HasEmail)
{
    /// <summary>"Ann (guest)", "Ann (guest · phone)", "Ann (guest · phone, e-mail)".</summary>
    public string Label
    {
        get
        {
            string[] given = [.. HasPhone ? ["phone"] : Array.Empty<string>(), .. HasEmail ? ["e-mail"] : Array.Empty<string>()];
            return given.Length == 0 ? $"{Name} (guest)" : $"{Name} (guest · {string.Join(", ", given)})";
        }
    }
}
