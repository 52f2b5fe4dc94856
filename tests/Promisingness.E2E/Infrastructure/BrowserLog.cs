using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

/// <summary>
/// What a page's browser did, with times: its console, its navigations and load events, its uncaught errors, failed requests and web sockets
/// (the circuit's). Read when a step that should have led on did not, so the failure says what the browser saw.
/// </summary>
public sealed class BrowserLog
{
    private static readonly ConditionalWeakTable<IPage, BrowserLog> Logs = [];
    private readonly List<string> lines = [];

    public static void Watch(IPage page)
    {
        var log = Logs.GetValue(page, _ => new BrowserLog());
        page.Console += (_, message) => log.Add($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => log.Add($"uncaught: {error}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                log.Add($"navigated: {frame.Url}");
            }
        };
        page.DOMContentLoaded += (_, p) => log.Add($"DOMContentLoaded: {p.Url}");
        page.Load += (_, p) => log.Add($"load: {p.Url}");
        page.RequestFailed += (_, request) => log.Add($"request failed: {request.Url} {request.Failure}");
        page.WebSocket += (_, socket) =>
        {
            log.Add($"websocket opened: {socket.Url}");
            socket.Close += (_, _) => log.Add($"websocket closed: {socket.Url}");
        };
    }

    /// <summary>The last lines the page's browser logged, oldest first.</summary>
    public static IReadOnlyList<string> Of(IPage page, int last = 25) => Logs.TryGetValue(page, out var log) ? log.Last(last) : [];

    private IReadOnlyList<string> Last(int count)
    {
        lock (lines)
        {
            return [.. lines.TakeLast(count)];
        }
    }

    private void Add(string line)
    {
        lock (lines)
        {
            lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
