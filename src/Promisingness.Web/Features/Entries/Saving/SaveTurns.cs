namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>
/// How many entry saves run at once; the others wait for a turn. A save is mostly CPU (the Markdown, the revision,
/// EF's change tracking) and its commit waits for the one before (<see cref="Data.SqliteWriteGate"/>), so twenty
/// saves at once on 2 cores finish no sooner than two at a time, while their work queues on the thread pool ahead
/// of every page view (bench/ scenarios 7 and 8).
/// </summary>
public sealed class SaveTurns(int atOnce)
{
    // Half the cores, and at least two, so that one save is prepared while another commits.
    public SaveTurns()
        : this(Math.Max(2, Environment.ProcessorCount / 2))
    {
    }

    private readonly SemaphoreSlim turns = new(atOnce);

    public async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
    {
        await turns.WaitAsync(cancellationToken);
        return new Turn(turns);
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
