namespace WaitWise.Data.Identity;

/// <summary>
/// The personal data a guest gave to join (SPEC.md roles: a customer without an account). The guest's account row
/// (<see cref="ApplicationUser.IsGuest"/>) holds no personal data and can never sign in; its tickets are held by
/// their keys. This row is erased <c>WaitWise:Retention:GuestDataDays</c> after the guest's last ticket ended.
/// </summary>
public sealed class Guest
{
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>
    /// The ticket's key, encrypted with the app's Data Protection keys, so messages to the guest can carry the ticket's
    /// link; erased with the rest. (The ticket itself keeps only the key's hash.)
    /// </summary>
    public string? SealedTicketKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
