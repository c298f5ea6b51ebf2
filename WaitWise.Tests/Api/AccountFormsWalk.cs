using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// The site's account forms (static pages that post, as a browser does, with their antiforgery token) are sent bad
/// input in each field: empty, blank, over-long, control characters with a NUL, right-to-left overrides. Each answer
/// is the page again with a message saying what was wrong (or, where the page answers every address alike, its
/// confirmation), never a server error, and the database is exactly as before.
/// The interactive forms (owner setup) are Blazor components, walked by the component tests.
/// </summary>
public sealed partial class AccountFormsWalk : IAsyncLifetime
{
    private readonly AppHost _app = new()
    {
        Settings =
        {
            [WaitWiseSettings.SchedulerEnabled] = "false",
            ["WaitWise:RateLimits:Auth:PermitLimit"] = "1000000",
        },
    };

    private static readonly string[] BadValues = ["", "   ", new('x', 5000), "a\u0000b", "a\u0007c\u001b", "\u202eevil@x.example", "not-an-email", "%00<script>"];

    /// <summary>Each form: its page, its name, its fields, and whether it needs a signed-in person.</summary>
    private static readonly (string Page, string Form, string[] Fields, bool SignedIn)[] Forms =
    [
        ("/Account/Login", "login", ["Input.Email", "Input.Password"], false),
        ("/Account/Register", "register", ["Input.Email", "Input.Password", "Input.ConfirmPassword"], false),
        ("/Account/ForgotPassword", "forgot-password", ["Input.Email"], false),
        ("/Account/ResetPassword?code=bm90LWEtY29kZQ", "reset-password", ["Input.Email", "Input.Password", "Input.ConfirmPassword", "Input.Code"], false),
        ("/Account/Manage", "profile", ["Input.PhoneNumber"], true),
        ("/Account/Manage/Email", "change-email", ["Input.NewEmail"], true),
        ("/Account/Manage/ChangePassword", "change-password", ["Input.OldPassword", "Input.NewPassword", "Input.ConfirmPassword"], true),
        ("/Account/Manage/DeletePersonalData", "delete-user", ["Input.Password"], true),
    ];

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryAccountFormAnswersBadInputWithAMessageAndChangesNothing()
    {
        var anonymous = _app.Client(followRedirects: false);
        var signedIn = _app.Client(followRedirects: false);
        await (await signedIn.PostAsJsonAsync("/api/v1/auth/login?useCookies=true",
            new { email = DemoSeeder.CustomerEmails[0], password = DemoSeeder.Password })).AssertOkAsync();
        var before = await _app.DigestAsync();
        var failures = new List<string>();

        foreach (var (page, form, fields, needsSignIn) in Forms)
        {
            var client = needsSignIn ? signedIn : anonymous;
            foreach (var field in fields)
            {
                foreach (var bad in BadValues)
                {
                    var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
                    var token = Antiforgery().Match(html);
                    Assert.True(token.Success, $"{page} has no antiforgery token.");
                    var values = new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                        ["_handler"] = form,
                    };
                    foreach (var other in fields)
                    {
                        values[other] = other == field ? bad : "Valid-pass-1";
                    }
                    var response = await client.PostAsync(page, new FormUrlEncodedContent(values));
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    var answered = status == 200 && Message().IsMatch(body) ||
                                   // Forgotten and reset passwords answer any well-formed address alike, so as not to tell who has an account.
                                   status == 302 && response.Headers.Location?.ToString().Contains("Confirmation", StringComparison.Ordinal) == true ||
                                   // A NUL character is refused as the form is read, before any page sees it.
                                   status == 400 && bad.Contains('\0', StringComparison.Ordinal);
                    if (!answered)
                    {
                        failures.Add($"{page} {field}={Regex.Escape(bad[..Math.Min(bad.Length, 20)])} → {status} {body[..Math.Min(body.Length, 300)]}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await _app.DigestAsync());
    }

    [Fact]
    public async Task TheNotificationsFormTurnsTheAccountsEmailsOffAndOnAgain()
    {
        var client = _app.Client(followRedirects: false);
        await (await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true",
            new { email = DemoSeeder.CustomerEmails[1], password = DemoSeeder.Password })).AssertOkAsync();

        async Task<(string Status, bool Stored)> SaveAsync(bool tick)
        {
            var html = await (await client.GetAsync("/Account/Manage/Notifications")).Content.ReadAsStringAsync();
            var values = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value),
                ["_handler"] = "notifications",
            };
            if (tick)
            {
                values["Input.Email"] = "true";
            }
            var saved = await client.PostAsync("/Account/Manage/Notifications", new FormUrlEncodedContent(values));
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
            var page = await (await client.GetAsync(saved.Headers.Location)).Content.ReadAsStringAsync();
            await using var db = await _app.DbAsync();
            var user = db.Users.Single(u => u.Email == DemoSeeder.CustomerEmails[1]);
            return (Regex.Match(page, "E-mails about your tickets are (on|off)").Value, user.EmailNotifications);
        }

        Assert.Equal(("E-mails about your tickets are off", false), await SaveAsync(tick: false));
        Assert.Equal(("E-mails about your tickets are on", true), await SaveAsync(tick: true));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>What a refused form shows: a field's validation message, the form's list of them, or a status message.</summary>
    [GeneratedRegex("class=\"validation-message\"|class=\"validation-errors\"|Error: |Confirmation link")]
    private static partial Regex Message();
}
