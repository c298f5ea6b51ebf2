namespace WaitWise.Core.Auth;

/// <summary>The Identity role names WaitWise knows. Stored in AspNetRoles.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Owner = "Owner";
    public const string Staff = "Staff";
    public const string Customer = "Customer";

    public static IReadOnlyList<string> All { get; } = [Admin, Owner, Staff, Customer];
}

/// <summary>Authorization policy names used by pages and endpoints.</summary>
public static class Policies
{
    public const string Admin = "RequireAdmin";
    public const string Owner = "RequireOwner";
    /// <summary>Staff consoles are open to staff and to owners, who may serve their own queues.</summary>
    public const string Staff = "RequireStaffOrOwner";
}
