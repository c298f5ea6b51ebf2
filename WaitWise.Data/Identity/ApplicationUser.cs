using Microsoft.AspNetCore.Identity;

namespace WaitWise.Data.Identity;

public sealed class ApplicationUser : IdentityUser
{
}
