using Microsoft.Extensions.Localization;
using WaitWise.Core.Tickets;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>Ticket states in the customer's words.</summary>
public static class TicketStatusText
{
    public static string Of(IStringLocalizer l, TicketStatus status) => status switch
    {
        TicketStatus.Waiting => l["Waiting"],
        TicketStatus.Called => l["Called"],
        TicketStatus.Serving => l["Being served"],
        TicketStatus.Held => l["On hold"],
        TicketStatus.Late => l["Late"],
        TicketStatus.Completed => l["Done"],
        TicketStatus.Cancelled => l["Cancelled"],
        TicketStatus.Missed => l["Missed"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
