using Microsoft.AspNetCore.Identity;

namespace WaitWise.Data.Identity;

/// <summary>For Identity calls that cannot be refused in the normal course (seeding, an account's own update).</summary>
public static class IdentityResults
{
    /// <summary>Throws with Identity's reasons when <paramref name="result"/> failed; <paramref name="doing"/> names what failed.</summary>
    public static void ThrowIfFailed(this IdentityResult result, string doing)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{doing} failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
