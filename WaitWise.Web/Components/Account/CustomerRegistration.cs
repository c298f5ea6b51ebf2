using Microsoft.AspNetCore.Identity;
using WaitWise.Core.Auth;
using WaitWise.Data;
using WaitWise.Data.Identity;

namespace WaitWise.Web.Components.Account;

/// <summary>Self-service sign-up: everyone who registers is a customer; owners and staff are made otherwise.</summary>
internal static class CustomerRegistration
{
    /// <summary>
    /// Creates the account and gives it the Customer role in one transaction, so no account is left without a role
    /// when the second step fails. <paramref name="db"/> must be the request's scoped context, the one Identity's
    /// stores write through, or the transaction would not cover their writes.
    /// </summary>
    public static async Task<IdentityResult> RegisterCustomerAsync(
        this UserManager<ApplicationUser> users, WaitWiseDbContext db, ApplicationUser user, string password)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Roles.Customer);
        }
        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }
        return result;
    }
}
