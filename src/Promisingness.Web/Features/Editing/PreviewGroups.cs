namespace Promisingness.Web.Features.Editing;

/// <summary>
/// The live preview's blocks in groups of a few dozen, so that after a pause Blazor compares the groups and the blocks of
/// the group that changed, not each of the thousands of blocks of a long text (bench scenario 13). A group ends after a
/// block chosen by a hash of its HTML, not by its position, so typing a new paragraph moves no other group's
/// ends; a group whose blocks are all the same instances is the same group, and a changed group keeps the key of the
/// group it grew from, so Blazor sends only its changed blocks.
/// </summary>
public sealed class PreviewGroups
{
    /// <summary>About one block in this many ends a group.</summary>
    private const int Spread = 32;
    private const int MaxBlocks = 4 * Spread;

    private List<Group> groups = [];

    /// <summary>Some consecutive blocks of the preview. <see cref="Key"/> is the component's key.</summary>
    public sealed class Group(IReadOnlyList<BlockPreview.Block> blocks, object key)
    {
        public IReadOnlyList<BlockPreview.Block> Blocks { get; } = blocks;

        public object Key { get; } = key;
    }

    public IReadOnlyList<Group> Of(IReadOnlyList<BlockPreview.Block> blocks)
    {
        var byFirst = new Dictionary<BlockPreview.Block, Group>(ReferenceEqualityComparer.Instance);
        var byLast = new Dictionary<BlockPreview.Block, Group>(ReferenceEqualityComparer.Instance);
        foreach (var old in groups)
        {
            byFirst[old.Blocks[0]] = old;
            byLast[old.Blocks[^1]] = old;
        }
        var keys = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var next = new List<Group>();
        var start = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i == blocks.Count - 1 || i - start + 1 >= MaxBlocks || blocks[i].Mark % Spread == 0)
            {
                next.Add(GroupOf(blocks, start, i - start + 1, byFirst, byLast, keys));
                start = i + 1;
            }
        }
        groups = next;
        return next;
    }

    private static Group GroupOf(IReadOnlyList<BlockPreview.Block> blocks, int start, int count, Dictionary<BlockPreview.Block, Group> byFirst,
        Dictionary<BlockPreview.Block, Group> byLast, HashSet<object> keys)
    {
        var first = blocks[start];
        var last = blocks[start + count - 1];
        if (byFirst.TryGetValue(first, out var same) && same.Blocks.Count == count && ReferenceEquals(same.Blocks[^1], last)
            && Enumerable.Range(0, count).All(i => ReferenceEquals(same.Blocks[i], blocks[start + i])) && keys.Add(same.Key))
        {
            return same;
        }
        var grewFrom = byFirst.GetValueOrDefault(first) is { } before && !keys.Contains(before.Key) ? before
            : byLast.GetValueOrDefault(last) is { } after && !keys.Contains(after.Key) ? after : null;
        var key = grewFrom?.Key ?? new object();
        keys.Add(key);
        return new Group([.. Enumerable.Range(start, count).Select(i => blocks[i])], key);
    }
}
