using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Promisingness.Web.Diagnostics;

namespace Promisingness.Web.Components.Layout;

/// <summary>
/// Catches what fails inside a member's live page (a click whose save hit a broken database, say): the
/// page says so with a reference that the log holds beside the exception, and the circuit lives on, so
/// the next link works. Used only while interactive: a failing static render answers 500 with /Error.
/// </summary>
public sealed class CircuitErrorBoundary : ErrorBoundary
{
    [Inject]
    private ILogger<CircuitErrorBoundary> Logger { get; set; } = default!;

    private string reference = "";

    protected override Task OnErrorAsync(Exception exception)
    {
        reference = FailureReference.New();
        Logger.LogError(exception, "A member's live page failed; they were shown reference {Reference}", reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "alert alert-danger");
        builder.AddAttribute(3, "role", "alert");
        builder.AddAttribute(4, "data-testid", "circuit-failure");
        builder.OpenElement(5, "h1");
        builder.AddContent(6, "Something went wrong");
        builder.CloseElement();
        builder.OpenElement(7, "p");
        builder.AddContent(8, "The wiki could not finish what you asked. What you had saved before is safe; text typed since the last save is kept as a draft once the editor has autosaved it. Reload the page to carry on.");
        builder.CloseElement();
        builder.OpenElement(9, "p");
        builder.AddContent(10, "If it keeps happening, tell an admin this reference, which is also in the server's log: ");
        builder.OpenElement(11, "code");
        builder.AddAttribute(12, "data-testid", "error-reference");
        builder.AddContent(13, reference);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
