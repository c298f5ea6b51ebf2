using System.Globalization;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Languages;

namespace WaitWise.Tests.Unit.Languages;

/// <summary>The domain's English sentences, waits, moments and messages as each language writes them.</summary>
public sealed class Sayings
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void ARefusalWithNumbersIsFoundWithTheNumbersAsPlaceholdersAndPutBack()
    {
        var french = Words.In("fr");

        var said = french.Of("Counter 3 is busy.");

        Assert.Equal(french["Counter {0} is busy.", 3].Value, said);
        Assert.Contains("3", said);
        Assert.NotEqual("Counter 3 is busy.", said);
    }

    [Fact]
    public void ARefusalWithAQuotedValueIsFoundWithTheValuePutBack()
    {
        var spanish = Words.In("es");

        var said = spanish.Of("Email 'ann@test.example' is already taken.");

        Assert.Equal(spanish["Email '{0}' is already taken.", "ann@test.example"].Value, said);
        Assert.Contains("ann@test.example", said);
    }

    [Fact]
    public void ASentenceInNoResourceStaysEnglish() =>
        Assert.Equal("Something nobody translated, 42 times.", Words.In("ar").Of("Something nobody translated, 42 times."));

    [Fact]
    public void AWaitIsARangeInTheReadersLanguage()
    {
        Assert.Equal("about 50 min – 1 h 10 min", WaitRange.Describe(TimeSpan.FromMinutes(60), Words.English));
        var french = WaitRange.Describe(TimeSpan.FromMinutes(60), Words.In("fr"));
        Assert.NotEqual("about 50 min – 1 h 10 min", french);
        Assert.Contains("10", french);
    }

    [Fact]
    public void AMomentIsWrittenInTheLanguagesWordsAndClockInTheBusinesssZone()
    {
        var at = new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);

        var french = Moments.When(Words.In("fr"), at, Paris);
        var english = Moments.When(Words.English, at, Paris);

        Assert.Contains("mardi 3 mars", french);
        Assert.Contains("09:00", french);
        Assert.Contains("Tuesday March 3", english);
        Assert.Contains(new DateTime(2026, 3, 3, 9, 0, 0).ToString("t", CultureInfo.GetCultureInfo("en")), english);
    }

    [Fact]
    public void AMessageSpeaksTheLanguageItIsWrittenInWithTheTimeInTheBusinesssZone()
    {
        var facts = new MessageFacts(NotificationKind.Late, "A-007", "Front desk", "Demo Clinic", Paris, "https://q.example/t",
            Until: new DateTimeOffset(2026, 3, 3, 8, 30, 0, TimeSpan.Zero));

        var english = NotificationTexts.For(facts, Words.English);
        var arabic = NotificationTexts.For(facts, Words.In("ar"));

        Assert.Equal("You missed your call", english.Subject);
        Assert.Equal(Words.In("ar")["You missed your call"].Value, arabic.Subject);
        Assert.NotEqual(english.Subject, arabic.Subject);
        foreach (var message in new[] { english, arabic })
        {
            Assert.Contains("A-007", message.Body);
            Assert.Contains("https://q.example/t", message.Body);
            Assert.Contains("Europe/Paris", message.Body);
        }
        Assert.Contains(new DateTime(2026, 3, 3, 9, 30, 0).ToString("t", CultureInfo.GetCultureInfo("en")), english.Body);
    }
}
