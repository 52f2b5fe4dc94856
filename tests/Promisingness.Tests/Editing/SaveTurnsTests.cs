using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Editing;

/// <summary>
/// Saves beyond the turns there are wait for one to end, every turn taken is given back once, and a save gives its
/// turn back before it waits for other instances to evict their caches.
/// </summary>
public sealed class SaveTurnsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WhenEveryTurnIsTaken_TheNextSaveWaitsUntilOneEnds()
    {
        var turns = new SaveTurns(2);
        using var first = await turns.WaitAsync(CancellationToken.None);
        var second = await turns.WaitAsync(CancellationToken.None);

        var third = turns.WaitAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        second.Dispose();
        (await third.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task AWaitCancelled_TakesNoTurn()
    {
        var turns = new SaveTurns(1);
        var only = await turns.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = turns.WaitAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        only.Dispose();
        (await turns.WaitAsync(CancellationToken.None).WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task ATurnEndedTwice_GivesBackOneTurn()
    {
        var turns = new SaveTurns(1);
        var turn = await turns.WaitAsync(CancellationToken.None);

        turn.Dispose();
        turn.Dispose();

        using var next = await turns.WaitAsync(CancellationToken.None).WaitAsync(Patience);
        var after = turns.WaitAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(after.IsCompleted);
    }

    /// <summary>
    /// With other instances, evicting their caches waits for them (up to seconds for one that does not answer): a save
    /// that held its turn through that would hold up every save behind it.
    /// </summary>
    [Fact]
    public async Task ASave_GivesItsTurnBackBeforeWaitingForOtherInstances()
    {
        var turns = new SaveTurns(1);
        using var app = new WikiApp(services: services => services.AddSingleton(turns));
        var writer = await Members.AddAsync(app, "turns@test.local", Roles.Mentor);
        Entry goal;
        using (var db = app.CreateDbContext())
        {
            goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        }
        bool? freeWhenTold = null;
        app.Get<EditingPresence>().Saved += (_, _, _) =>
        {
            var probe = turns.WaitAsync(CancellationToken.None);
            freeWhenTold = probe.IsCompletedSuccessfully;
            _ = probe.ContinueWith(taken => taken.Result.Dispose(), TaskScheduler.Default);
        };

        var saved = await app.Get<EntryEditor>().SaveAsync(writer, goal.Id, 1, new EntryInput(goal.Title, "Saved.", goal.Visibility, goal.ProgramId, "turns"));

        Assert.IsType<SaveResult.Saved>(saved);
        Assert.True(freeWhenTold);
    }
}
