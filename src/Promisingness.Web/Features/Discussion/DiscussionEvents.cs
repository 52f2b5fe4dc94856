namespace Promisingness.Web.Features.Discussion;

/// <summary>Tells every open page of an entry that its discussion changed, so new comments appear live.</summary>
public sealed class DiscussionEvents
{
    public event Action<int>? Changed;

    public void Raise(int entryId) => Changed?.Invoke(entryId);
}
