namespace Promisingness.Web.Features.Editing;

/// <summary>
/// Writes an editor's draft when typing pauses. A short text is written at every pause. A long one is written at most
/// every <see cref="LongTextInterval"/>: rewriting a megabyte at each pause would cost the database and the collector more
/// than the rest of the pause (bench scenario 13). What the last pause held is still written, once the interval
/// ends or when the editor closes, so a closed tab loses nothing; a server that dies loses at most the interval.
/// </summary>
public sealed class DraftWriter(EditorDrafts drafts, TimeProvider clock, Func<bool, Task> written) : IAsyncDisposable
{
    /// <summary>From this length (UTF-16 units) on, a text is long.</summary>
    public const int LongText = 64 * 1024;

    public static readonly TimeSpan LongTextInterval = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private Draft? pending;
    private ITimer? timer;
    private DateTimeOffset lastWrite = DateTimeOffset.MinValue;
    // The last write begun, for a save to wait for: a write landing after the save would bring its draft back.
    private Task writing = Task.CompletedTask;

    private sealed record Draft(string Title, string Body, int BaseRevision);

    /// <summary>Typing paused: writes the text now, or, for a long text written moments ago, when the interval ends.</summary>
    public Task KeepAsync(string title, string body, int baseRevision)
    {
        var draft = new Draft(title, body, baseRevision);
        lock (gate)
        {
            var due = lastWrite + LongTextInterval - clock.GetUtcNow();
            if (body.Length >= LongText && due > TimeSpan.Zero)
            {
                pending = draft;
                timer ??= clock.CreateTimer(_ => WritePending(), null, due, Timeout.InfiniteTimeSpan);
                return Task.CompletedTask;
            }
            Cancel();
            return Start(draft, tell: true);
        }
    }

    /// <summary>
    /// A save takes the text over: what waits is dropped, and a write under way is waited for, since either would
    /// bring back the draft the save ends.
    /// </summary>
    public Task ForgetAsync()
    {
        lock (gate)
        {
            Cancel();
            return writing;
        }
    }

    /// <summary>The editor closed: what the last pause held is written now, with no one left to tell.</summary>
    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (gate)
        {
            last = pending is { } draft ? Start(draft, tell: false) : writing;
            Cancel();
        }
        await last;
    }

    // The interval ended.
    private void WritePending()
    {
        lock (gate)
        {
            if (pending is { } draft)
            {
                Cancel();
                _ = Start(draft, tell: true);
            }
        }
    }

    // Under the gate, so that ForgetAsync sees every write begun.
    private Task Start(Draft draft, bool tell)
    {
        lastWrite = clock.GetUtcNow();
        var write = drafts.KeepAsync(draft.Title, draft.Body, draft.BaseRevision);
        writing = write;
        return tell ? TellAsync(write) : write;
    }

    private async Task TellAsync(Task<bool> write) => await written(await write);

    private void Cancel()
    {
        pending = null;
        timer?.Dispose();
        timer = null;
    }
}
