using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

/// <summary>Records every error a page writes to the browser's console and every exception its scripts leave uncaught.</summary>
public sealed class ConsoleErrors
{
    private readonly List<string> errors = [];

    private ConsoleErrors()
    {
    }

    public static ConsoleErrors Watch(IPage page)
    {
        var watcher = new ConsoleErrors();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watcher.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => watcher.Add($"uncaught: {error}");
        return watcher;
    }

    /// <summary>The errors so far, one line each.</summary>
    public IReadOnlyList<string> List()
    {
        lock (errors)
        {
            return [.. errors];
        }
    }

    private void Add(string error)
    {
        lock (errors)
        {
            errors.Add(error);
        }
    }
}
