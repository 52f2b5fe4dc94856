using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Promisingness.Web.Features.Editing;

/// <summary>
/// Tells a circuit's editors when its browser goes away and comes back. A closed or crashed tab's circuit is kept
/// for minutes in case it reconnects, and its editor with it; its presence should not be, so the editor leaves when
/// the connection drops and joins again if it comes back.
/// </summary>
public sealed class EditorConnection : CircuitHandler
{
    /// <summary>True when the connection came (back) up, false when it went down.</summary>
    public event Action<bool>? Changed;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Changed?.Invoke(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Changed?.Invoke(true);
        return Task.CompletedTask;
    }
}
