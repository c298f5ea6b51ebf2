using System.Text.Json.Serialization;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Core.Businesses;

/// <summary>What a visitor may browse: approved businesses and their queues, and for an owner also their own.</summary>
public interface IBusinessDirectory
{
    /// <summary>Approved businesses, and the actor's own in any status; <paramref name="actor"/> null for an anonymous visitor.</summary>
    Task<IReadOnlyList<BusinessSummary>> ListBusinessesAsync(Actor? actor, CancellationToken ct = default);

    /// <summary>The queues of a business the actor may see (approved, or their own); not found otherwise.</summary>
    Task<Result<IReadOnlyList<QueueDetails>>> ListQueuesAsync(Actor? actor, Guid businessId, CancellationToken ct = default);

    /// <summary>One queue and the name of its business, under the same visibility as <see cref="ListQueuesAsync"/>.</summary>
    Task<Result<QueueListing>> GetQueueAsync(Actor? actor, Guid queueId, CancellationToken ct = default);
}

public sealed record BusinessSummary(Guid Id, string Name, BusinessStatus Status, bool IsOwner);

/// <summary>
/// A queue as its public page introduces it, with its business's time zone, in which its times are read (by its id, as
/// <see cref="Tickets.MyTicket"/> holds it, so a page can hand the listing from its prerender to its circuit).
/// <paramref name="Reopens"/> is set while the queue is outside its opening hours (and not opened by hand): the moment it
/// opens again, which pages write in their language and in <see cref="Zone"/>.
/// </summary>
/// <param name="Language">The business's language (its board and kiosk speak it).</param>
public sealed record QueueListing(
    QueueDetails Queue, string BusinessName, string TimeZoneId, DateTimeOffset? Reopens = null, string Language = SpokenLanguages.Default)
{
    [JsonIgnore]
    public TimeZoneInfo Zone => OpeningSchedule.ZoneOrUtc(TimeZoneId);
}
