using WaitWise.Core.Tickets;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>Ticket states in the customer's words.</summary>
public static class TicketStatusText
{
    public static string Of(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "Waiting",
        TicketStatus.Called => "Called",
        TicketStatus.Serving => "Being served",
        TicketStatus.Held => "On hold",
        TicketStatus.Late => "Late",
        TicketStatus.Completed => "Done",
        TicketStatus.Cancelled => "Cancelled",
        TicketStatus.Missed => "Missed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
