using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Promisingness.E2E.Infrastructure;

/// <summary>Keeps what the live server logs, so a test can find the reference a page showed beside its exception.</summary>
internal sealed class ServerLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Warnings and errors from everywhere; the circuit's debug lines (LiveWiki's filter lets only those through below Warning).
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || category.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Below Warning, only the lines that say a browser event reached a component and what the circuit and its
            // navigation did: not every render.
            if (logLevel < LogLevel.Warning && eventId.Name is not "HandlingEvent" && !category.Contains("Circuits", StringComparison.Ordinal))
            {
                return;
            }
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} (at {DateTime.UtcNow:HH:mm:ss.fff})");
        }
    }
}
