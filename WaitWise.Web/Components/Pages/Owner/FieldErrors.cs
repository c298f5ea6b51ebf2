using Microsoft.Extensions.Localization;
using WaitWise.Core.Common;
using WaitWise.Web.Languages;
using Refusal = WaitWise.Core.Common.Error;

namespace WaitWise.Web.Components.Pages.Owner;

/// <summary>A refusal as a form shows it: the message, and the message of each field the service named.</summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public string? Message { get; private set; }

    public void Show(Refusal? error)
    {
        Message = error?.Message;
        _fields = error?.Fields ?? new Dictionary<string, string[]>();
    }

    public void Clear() => Show(null);

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? Text(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The field's messages in the page's language, each looked up on its own (<see cref="Say.Of"/>).</summary>
    public string? Text(IStringLocalizer l, string field) => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages.Select(m => l.Of(m))) : null;
}
