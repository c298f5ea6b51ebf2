namespace WaitWise.Data.Identity;

/// <summary>
/// One API sign-in (a login and the refreshes that follow it): the family of its tokens. Each refresh moves it to the
/// next generation, and only the refresh token of the current generation is honoured; a spent one coming back means
/// two parties hold the family, so the whole family is revoked. Logout revokes the caller's families.
/// </summary>
public sealed class ApiSession
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public int Generation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
