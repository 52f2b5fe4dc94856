using AngleSharp.Html.Parser;

namespace Promisingness.Tests.Infrastructure;

/// <summary>Fills and posts a page's form as a browser would, with its hidden fields (the antiforgery token among them).</summary>
public static class Forms
{
    /// <summary>Posts the first form in main (or the one whose handler is named) and returns the response and the hidden values sent.</summary>
    public static async Task<(HttpResponseMessage Response, IReadOnlyList<string> Hidden)> PostAsync(HttpClient client, string page, IReadOnlyDictionary<string, string> fields, string? handler = null)
    {
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        var form = document.QuerySelectorAll("main form[method=post]")
            .FirstOrDefault(f => handler is null || f.QuerySelector($"input[name=_handler][value='{handler}']") is not null)
            ?? throw new InvalidOperationException($"{page} has no form{(handler is null ? "" : " " + handler)}.");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var hidden = values.Values.ToList();
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? "/" + a.TrimStart('/') : page;
        return (await client.PostAsync(action, new FormUrlEncodedContent(values)), hidden);
    }
}
