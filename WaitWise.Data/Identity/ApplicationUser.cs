using Microsoft.AspNetCore.Identity;

namespace WaitWise.Data.Identity;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The longest e-mail (and user name) Identity's tables hold.</summary>
    public const int EmailMaxLength = 256;

    /// <summary>When the person closed the account (AccountClosure): its personal data is gone, its history stays.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>An account made for a guest's ticket: no e-mail, no password, no role; the personal data is in <see cref="Guest"/>.</summary>
    public bool IsGuest { get; set; }

    /// <summary>Whether the account is told of its tickets by e-mail (on unless turned off in the account's settings).</summary>
    public bool EmailNotifications { get; set; } = true;

    /// <summary>The language of the person's messages (a <see cref="Core.Common.SpokenLanguages"/> name); the business's when null.</summary>
    public string? Language { get; set; }

    public const string GuestUserNamePrefix = "guest-";
}
