using Promisingness.Web.Features.Editing;

namespace Promisingness.Tests.Editing;

/// <summary>Saves beyond the turns there are wait for one to end, and every turn taken is given back once.</summary>
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
}
