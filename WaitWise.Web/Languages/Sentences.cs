using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace WaitWise.Web.Languages;

/// <summary>
/// A sentence from the resources with a link, an emphasis or a component in the middle, so a language puts them where
/// its sentence needs them: <see cref="With"/> puts each fragment at its placeholder ({0}, {1}…), and
/// <see cref="Linked"/> makes the words between a pair of placeholders ({0}…{1}, {2}…{3}…) into a link.
/// </summary>
public static partial class Sentences
{
    public static RenderFragment With(string template, params RenderFragment[] parts) => builder =>
    {
        var at = 0;
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            builder.AddContent(0, template[at..placeholder.Index]);
            var index = int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture);
            if (index < parts.Length)
            {
                builder.AddContent(1, parts[index]);
            }
            at = placeholder.Index + placeholder.Length;
        }
        builder.AddContent(2, template[at..]);
    };

    public static RenderFragment Linked(string template, params Func<string, RenderFragment>[] links) => builder =>
    {
        var at = 0;
        foreach (Match pair in Pair().Matches(template))
        {
            builder.AddContent(0, template[at..pair.Index]);
            var index = int.Parse(pair.Groups[1].Value, CultureInfo.InvariantCulture) / 2;
            var words = pair.Groups[2].Value;
            if (index < links.Length)
            {
                builder.AddContent(1, links[index](words));
            }
            else
            {
                builder.AddContent(2, words);
            }
            at = pair.Index + pair.Length;
        }
        builder.AddContent(3, template[at..]);
    };

    [GeneratedRegex("\\{([0-9]+)\\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\\{([0-9]+)\\}(.*?)\\{[0-9]+\\}")]
    private static partial Regex Pair();
}
