using Promisingness.Web.Scaling;

namespace Promisingness.Web.Features.Discussion;

/// <summary>Tells every open page of an entry, on every instance, that its discussion changed, so new comments appear live.</summary>
public sealed class DiscussionEvents
{
    private const string Topic = "discussion-changed";
    private readonly OtherInstances others;

    public DiscussionEvents(OtherInstances others)
    {
        this.others = others;
        others.On<int>(Topic, entryId => Changed?.Invoke(entryId));
    }

    public event Action<int>? Changed;

    public void Raise(int entryId)
    {
        Changed?.Invoke(entryId);
        others.Tell(Topic, entryId);
    }
}
