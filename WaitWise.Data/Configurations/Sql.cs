using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Configurations;

/// <summary>SQL fragments shared by constraints, indexes and hand-written statements.</summary>
internal static class Sql
{
    public static string InList(IEnumerable<TicketStatus> statuses) =>
        "(" + string.Join(", ", statuses.Select(s => $"'{s.ToDb()}'")) + ")";

    public static string InList<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum =>
        "(" + string.Join(", ", values.Select(v => $"'{v}'")) + ")";

    /// <summary>Ticket statuses are stored as the SPEC.md names, upper case.</summary>
    public static readonly ValueConverter<TicketStatus, string> StatusConverter = new(s => s.ToDb(), s => TicketStatuses.FromDb(s));

    /// <summary>A status as an SQL literal: <c>'WAITING'</c>.</summary>
    public static string Of(TicketStatus status) => $"'{status.ToDb()}'";

    public static readonly string OpenStatuses = InList(TicketStatuses.Open);
    public static readonly string TerminalStatuses = InList(TicketStatuses.Terminal);
    public static readonly string AtCounterStatuses = InList(TicketStatuses.AtCounter);
}
