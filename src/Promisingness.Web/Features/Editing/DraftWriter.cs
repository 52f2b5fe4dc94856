namespace Promisingness.Web.Features.Editing;

/// <summary>
/// Writes an editor's draft when typing pauses. A short text is written at every pause. A long one is written at most
/// every <see cref="LongTextInterval"/>: rewriting a megabyte at each pause cost the database and the collector four times
/// what the rest of a pause costs (bench scenario 13). What the last pause held is still written, once the interval
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
                timer ??= clock.CreateTimer(_ => _ = WritePendingAsync(), null, due, Timeout.InfiniteTimeSpan);
                return Task.CompletedTask;
            }
            Cancel();
            lastWrite = clock.GetUtcNow();
        }
        return WriteAsync(draft);
    }

    /// <summary>A save takes the text over: a draft still waiting would bring back what the save ended.</summary>
    public void Forget()
    {
        lock (gate)
        {
            Cancel();
        }
    }

    /// <summary>The editor closed: what the last pause held is written now, with no one left to tell.</summary>
    public async ValueTask DisposeAsync()
    {
        if (TakePending() is { } draft)
        {
            await drafts.KeepAsync(draft.Title, draft.Body, draft.BaseRevision);
        }
    }

    private async Task WritePendingAsync()
    {
        if (TakePending() is { } draft)
        {
            await WriteAsync(draft);
        }
    }

    private Draft? TakePending()
    {
        lock (gate)
        {
            var draft = pending;
            Cancel();
            if (draft is not null)
            {
                lastWrite = clock.GetUtcNow();
            }
            return draft;
        }
    }

    private async Task WriteAsync(Draft draft) => await written(await drafts.KeepAsync(draft.Title, draft.Body, draft.BaseRevision));

    private void Cancel()
    {
        pending = null;
        timer?.Dispose();
        timer = null;
    }
}
