using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>
/// The guest tickets this browser holds, remembered in its local storage (encrypted with the app's Data Protection
/// keys, so the page's script alone cannot read the keys): the queue page knows its visitor is in line already.
/// Best effort: a browser that refuses storage, or a key ring that changed, remembers nothing.
/// </summary>
public sealed class GuestTicketMemory(ProtectedLocalStorage storage)
{
    private const string Name = "waitwise.guest-tickets";
    private const int Kept = 20;

    public sealed record Remembered(Guid TicketId, string Key);

    public async Task<IReadOnlyList<Remembered>> ListAsync()
    {
        try
        {
            var stored = await storage.GetAsync<Remembered[]>(Name);
            return stored.Success ? stored.Value ?? [] : [];
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or CryptographicException or InvalidOperationException or TaskCanceledException)
        {
            return [];
        }
    }

    public async Task RememberAsync(Guid ticketId, string key)
    {
        var kept = (await ListAsync()).Where(r => r.TicketId != ticketId).Prepend(new Remembered(ticketId, key)).Take(Kept).ToArray();
        try
        {
            await storage.SetAsync(Name, kept);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // Nothing remembered: the ticket's own link still opens it.
        }
    }
}
