using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using WaitWise.Core.Notifications;

namespace WaitWise.Web.Notifications;

/// <summary>SMS through Twilio's REST API with its own library, at Twilio's address or the configured one.</summary>
public sealed class TwilioSmsChannel : IMessageChannel
{
    private readonly SmsSettings _settings;
    private readonly TwilioRestClient _client;

    public TwilioSmsChannel(SmsSettings settings)
    {
        _settings = settings;
        HttpMessageHandler handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (settings.BaseAddress is { Length: > 0 } address)
        {
            handler = new ToBaseAddress(new Uri(address)) { InnerHandler = handler };
        }
        var client = new System.Net.Http.HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(client));
    }

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task SendAsync(string recipient, OutgoingMessage message, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(recipient)) { From = new PhoneNumber(_settings.From), Body = message.Body }, _client);
    }

    /// <summary>Sends Twilio's requests to another address (a local server that speaks its API), path and query kept.</summary>
    private sealed class ToBaseAddress(Uri address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = address.Scheme, Host = address.Host, Port = address.Port }.Uri;
            return base.SendAsync(request, ct);
        }
    }
}
