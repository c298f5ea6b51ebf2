namespace WaitWise.Core.Simulation;

/// <summary>
/// How a clinic's day goes, for the simulation: when it opens and closes, how many people come in each hour (Poisson
/// arrivals with an hourly profile), how long a service takes (lognormal: most are short, a few long), the walk to
/// the counter, who never comes when called and who of those rejoins, the services put on hold, and each counter's
/// break. Figures are a small clinic's; every draw comes from the simulation's seeded random source.
/// </summary>
public sealed record ClinicDay
{
    public TimeOnly Opens { get; init; } = new(8, 0);

    /// <summary>Arrivals per hour from <see cref="Opens"/>, one figure an hour; joining stops when they end.</summary>
    public IReadOnlyList<double> ArrivalsPerHour { get; init; } = [18, 28, 32, 30, 20, 22, 30, 28, 14];

    public double MeanServiceMinutes { get; init; } = 5;

    /// <summary>The standard deviation of a service, in minutes.</summary>
    public double ServiceSpreadMinutes { get; init; } = 2.5;

    /// <summary>The walk from the call to the counter: uniform between these minutes.</summary>
    public (double From, double To) WalkMinutes { get; init; } = (0.3, 1.5);

    /// <summary>Who never comes when called; staff mark them no-show after <see cref="NoShowAfterMinutes"/>.</summary>
    public double NoShowShare { get; init; } = 0.06;

    public double NoShowAfterMinutes { get; init; } = 2;

    /// <summary>Of the no-shows, who come back and rejoin, after a uniform number of minutes between these.</summary>
    public double RejoinShare { get; init; } = 0.5;

    public (double From, double To) RejoinAfterMinutes { get; init; } = (2, 8);

    /// <summary>Services put on hold part way (a test to wait for), resumed after a uniform number of minutes.</summary>
    public double HoldShare { get; init; } = 0.03;

    public (double From, double To) HeldMinutes { get; init; } = (8, 15);

    /// <summary>Each counter's break: its start after opening (counter 1, 2, … in turn) and its length.</summary>
    public IReadOnlyList<TimeSpan> BreakAfter { get; init; } = [TimeSpan.FromHours(2.5), TimeSpan.FromHours(4), TimeSpan.FromHours(5.5)];

    public TimeSpan BreakLength { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How late each counter opens: uniform between zero and this.</summary>
    public TimeSpan LatestStart { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A lognormal service time with the mean and spread above, in minutes.</summary>
    public double DrawServiceMinutes(Random random)
    {
        var variance = Math.Log(1 + ServiceSpreadMinutes * ServiceSpreadMinutes / (MeanServiceMinutes * MeanServiceMinutes));
        var mu = Math.Log(MeanServiceMinutes) - variance / 2;
        return Math.Exp(mu + Math.Sqrt(variance) * Normal(random));
    }

    /// <summary>The arrival times of one day (Poisson within each hour), from its midnight in the business's zone.</summary>
    public IReadOnlyList<TimeSpan> DrawArrivals(Random random)
    {
        var arrivals = new List<TimeSpan>();
        for (var hour = 0; hour < ArrivalsPerHour.Count; hour++)
        {
            var rate = ArrivalsPerHour[hour] / 60.0;
            var minute = -Math.Log(1 - random.NextDouble()) / rate;
            while (minute < 60)
            {
                arrivals.Add(Opens.ToTimeSpan() + TimeSpan.FromHours(hour) + TimeSpan.FromMinutes(minute));
                minute += -Math.Log(1 - random.NextDouble()) / rate;
            }
        }
        return arrivals;
    }

    public TimeSpan Closes => Opens.ToTimeSpan() + TimeSpan.FromHours(ArrivalsPerHour.Count);

    public static double Uniform(Random random, (double From, double To) range) => range.From + random.NextDouble() * (range.To - range.From);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
