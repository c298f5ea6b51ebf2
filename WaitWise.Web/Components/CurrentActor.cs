using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WaitWise.Core.Auth;

namespace WaitWise.Web.Components;

/// <summary>The signed-in person as the Core services know them (their Identity user id), or null for a visitor.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Of(state.User);
    }

    public static Actor? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? new Actor(id) : null;
}
