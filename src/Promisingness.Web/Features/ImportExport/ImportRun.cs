using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.ImportExport.Readme;
using Promisingness.Web.Features.Questions;
using Promisingness.Web.Features.Team;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.ImportExport;

/// <summary>
/// One README import inside one transaction: it brings the database to what the README says, producing
/// the revisions a person making the same edits by hand would have produced, and nothing when nothing changed.
/// </summary>
internal sealed class ImportRun(WikiDbContext db, RevisionRecorder recorder, Author author, DateTimeOffset at, string note)
{
    private const double PageSimilarityThreshold = 0.6;
    private const double QuestionSimilarityThreshold = 0.5;
    private const double TopicSimilarityThreshold = 0.6;

    private List<ResearchProgram> programs = [];
    private List<Member> members = [];
    private List<Entry> entries = [];
    private List<SlugRedirect> redirects = [];
    private readonly HashSet<string> takenSlugs = new(StringComparer.Ordinal);
    private readonly HashSet<string> takenMemberSlugs = new(StringComparer.Ordinal);
    private readonly List<string> topicSlugs = [];

    public ImportResult Result { get; } = new();

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        programs = await db.Programs.ToListAsync(cancellationToken);
        members = await db.Members.OrderBy(m => m.Position).ToListAsync(cancellationToken);
        entries = await db.Entries
            .Where(e => e.Kind == EntryKind.Page || e.Kind == EntryKind.Topic || e.Kind == EntryKind.Question)
            .Include(e => e.Researchers)
            .Include(e => e.Outputs)
            .Include(e => e.Tags)
            .Include(e => e.LinkedTopics)
            .AsSplitQuery()
            .OrderBy(e => e.Position).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        redirects = await db.SlugRedirects.ToListAsync(cancellationToken);
        takenSlugs.UnionWith(await db.Entries.Select(e => e.Slug).ToListAsync(cancellationToken));
        takenSlugs.UnionWith(redirects.Select(r => r.Slug));
        takenMemberSlugs.UnionWith(members.Select(m => m.Slug));
    }

    public void ImportTeam(IReadOnlyList<ReadmeTeamLine> lines)
    {
        var listed = new HashSet<Member>();
        var position = 0;
        foreach (var line in lines)
        {
            var (role, program) = Classify(line.Label);
            foreach (var name in line.Names)
            {
                position++;
                var member = FindMember(name, exclude: listed);
                if (member is null)
                {
                    member = AddMember(name, program, role, position, inReadme: true);
                }
                else if (member.Name != name || member.Program != program || member.Role != role || !member.InReadme)
                {
                    NoteMemberChange(member, $"{member.Name} is now listed as {name} ({line.Label})");
                    member.Name = name;
                    member.Program = program;
                    member.Role = role;
                    member.InReadme = true;
                }
                member.Position = position;
                listed.Add(member);
            }
        }

        foreach (var member in members.Where(m => m.InReadme && !listed.Contains(m)))
        {
            member.InReadme = false;
            NoteMemberChange(member, $"{member.Name} is no longer in the README's team list");
        }
    }

    /// <summary>The home page: the README's title (none when it has none) and the text before its first section.</summary>
    public void ImportHome(string title, string description)
    {
        var home = entries.FirstOrDefault(e => e.Slug == Entry.HomeSlug);
        var before = home is null ? null : RevisionRecorder.Snapshot(home);
        home ??= NewEntry(EntryKind.Page, Entry.HomeSlug);
        if (title.Length > 0)
        {
            home.Title = PlainText(title);
            home.ReadmeHeading = home.Title == title ? null : title;
        }
        else
        {
            // An empty heading records that the README has no title line; the page keeps a title of its own.
            home.Title = home.Title.Length > 0 ? home.Title : "Home";
            home.ReadmeHeading = "";
        }
        home.BodyMarkdown = description;
        Keep(home, position: 0, before);
    }

    public void ImportPages(IReadOnlyList<ReadmePage> pages)
    {
        var existing = entries.Where(e => e.Kind == EntryKind.Page && e.Slug != Entry.HomeSlug).ToList();
        var matches = EntryMatcher.Match(
            pages,
            existing,
            (page, entry) => SameTitle(PageTitle(page.Heading), entry.Title),
            (page, entry) => TextSimilarity.Of(page.Body, entry.BodyMarkdown),
            PageSimilarityThreshold);
        for (var i = 0; i < pages.Count; i++)
        {
            var entry = matches[i];
            var before = entry is null ? null : RevisionRecorder.Snapshot(entry);
            entry ??= NewEntry(EntryKind.Page, null);
            var title = PageTitle(pages[i].Heading);
            SetTitle(entry, title);
            entry.ReadmeHeading = pages[i].Heading == title ? null : pages[i].Heading;
            entry.BodyMarkdown = pages[i].Body;
            Keep(entry, position: PlaceOf(pages[i].At, i), before);
        }
        RemoveUnlisted(existing, matches);
    }

    public void ImportQuestions(string heading, IReadOnlyList<string> questions)
    {
        SetSetting(WikiSetting.ReadmeQuestionsHeading, heading);

        var existing = entries.Where(e => e.Kind == EntryKind.Question).ToList();
        var matches = EntryMatcher.Match(
            questions,
            existing,
            (question, entry) => NormalizeSpace(question) == NormalizeSpace(entry.BodyMarkdown),
            (question, entry) => TextSimilarity.Of(question, entry.BodyMarkdown),
            QuestionSimilarityThreshold);
        for (var i = 0; i < questions.Count; i++)
        {
            var entry = matches[i];
            var before = entry is null ? null : RevisionRecorder.Snapshot(entry);
            entry ??= NewEntry(EntryKind.Question, null);
            SetTitle(entry, QuestionTitles.From(questions[i]));
            entry.BodyMarkdown = questions[i];
            Keep(entry, position: i + 1, before);
        }
        RemoveUnlisted(existing, matches);
    }

    public void ImportTopics(IReadOnlyList<ReadmeTopic> topics)
    {
        // A person named twice on one topic is credited once.
        var researchers = topics
            .Select(t => t.Researchers.Select(name => new Credit(name, ResolveResearcher(name))).DistinctBy(c => c.Member).ToList())
            .ToList();
        var existing = entries.Where(e => e.Kind == EntryKind.Topic).ToList();
        var incoming = topics.Select((topic, i) => (Topic: topic, Researchers: researchers[i])).ToList();
        var matches = EntryMatcher.Match(
            incoming,
            existing,
            (item, entry) => SameTitle(PlainText(item.Topic.Heading), entry.Title),
            (item, entry) =>
                0.4 * TextSimilarity.Jaccard(item.Researchers.Select(c => c.Member.Id).ToHashSet(), entry.Researchers.Select(r => r.MemberId).ToHashSet())
                + 0.6 * TextSimilarity.Of(TopicText(item.Topic), EntryText(entry)),
            TopicSimilarityThreshold);

        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            var entry = matches[i];
            var before = entry is null ? null : RevisionRecorder.Snapshot(entry);
            entry ??= NewEntry(EntryKind.Topic, null);
            var title = PlainText(topic.Heading);
            SetTitle(entry, title);
            entry.ReadmeHeading = topic.Heading == title ? null : topic.Heading;
            entry.BodyMarkdown = topic.Body;
            SetResearchers(entry, researchers[i]);
            SetOutputs(entry, topic.Outputs);
            Keep(entry, position: PlaceOf(topic.At, i), before);
            topicSlugs.Add(entry.Slug);
        }
        RemoveUnlisted(existing, matches);
    }

    /// <summary>Records what the entries do not say of the README's layout (see ReadmeLayout); call after ImportTopics.</summary>
    public void ImportLayout(ReadmeDocument document)
    {
        var wanted = ReadmeLayout.Of(document, topicSlugs);
        foreach (var stale in db.Settings.Where(s => s.Key.StartsWith(ReadmeLayout.BylinePrefix)).AsEnumerable().Where(s => !wanted.ContainsKey(s.Key)).ToList())
        {
            wanted[stale.Key] = null;
        }
        foreach (var (key, value) in wanted)
        {
            SetSetting(key, value);
        }
    }

    private static void SetResearchers(Entry entry, IReadOnlyList<Credit> credits)
    {
        // Updated in place rather than replaced: the row's key is (entry, member).
        entry.Researchers.RemoveAll(row => !credits.Any(c => c.Member.Id != 0 && c.Member.Id == row.MemberId));
        for (var i = 0; i < credits.Count; i++)
        {
            var member = credits[i].Member;
            var row = member.Id == 0 ? null : entry.Researchers.FirstOrDefault(r => r.MemberId == member.Id);
            if (row is null)
            {
                row = new TopicResearcher { Member = member, CreditedAs = credits[i].Name };
                entry.Researchers.Add(row);
            }
            row.CreditedAs = credits[i].Name;
            row.Position = i;
        }
    }

    private static void SetOutputs(Entry entry, IReadOnlyList<ReadmeOutput> outputs)
    {
        var current = entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).ToList();
        var paired = new TopicOutput?[outputs.Count];
        var free = new List<TopicOutput>(current);
        // The same link, then the same title, then what is left in order: a "coming soon" link replaced by the real post.
        Pair(o => o.Url.Length > 0, (incoming, row) => incoming.Url == row.Url);
        Pair(_ => true, (incoming, row) => incoming.Title is not null && incoming.Title == row.Title);
        Pair(_ => true, (_, _) => true);

        var kept = new List<TopicOutput>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            var row = paired[i] ?? entry.Outputs.FirstOrDefault(o => o.Status == OutputStatus.Removed && o.Url.Length > 0 && o.Url == output.Url && !kept.Contains(o));
            if (row is null)
            {
                row = new TopicOutput();
                entry.Outputs.Add(row);
            }
            kept.Add(row);
            row.Position = i;
            row.Title = output.Title;
            row.Url = output.Url;
            row.Status = OutputStatuses.Infer(output.Title, output.Url);
            row.LinkNote = output.LinkNote;
            row.SummaryHeading = output.SummaryHeading;
            row.SummaryMarkdown = output.Summary;
        }

        // Outputs gone from the README are kept, marked removed, after the current ones in their old order.
        var next = outputs.Count;
        foreach (var row in entry.Outputs.Except(kept).OrderBy(o => o.Position).ThenBy(o => o.Id).ToList())
        {
            row.Status = OutputStatus.Removed;
            row.Position = next++;
        }

        void Pair(Func<ReadmeOutput, bool> applies, Func<ReadmeOutput, TopicOutput, bool> same)
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                if (paired[i] is not null || !applies(outputs[i]))
                {
                    continue;
                }
                var row = free.FirstOrDefault(r => same(outputs[i], r));
                if (row is not null)
                {
                    paired[i] = row;
                    free.Remove(row);
                }
            }
        }
    }

    /// <summary>Sets a setting, or removes it when <paramref name="value"/> is null; counted when it changes.</summary>
    private void SetSetting(string key, string? value)
    {
        var setting = db.Settings.Find(key);
        if (setting?.Value == value)
        {
            return;
        }
        if (value is null)
        {
            db.Settings.Remove(setting!);
        }
        else if (setting is null)
        {
            db.Settings.Add(new WikiSetting { Key = key, Value = value });
        }
        else
        {
            setting.Value = value;
        }
        Result.SettingsChanged++;
    }

    /// <summary>An entry's position is its section's place in the README, so that pages and topics interleave as they did.</summary>
    private static int PlaceOf(int at, int index) => at > 0 ? at : index + 1;

    private (MemberRole Role, ResearchProgram? Program) Classify(string label)
    {
        if (label.Trim().TrimEnd('s').Equals("Mentor", StringComparison.OrdinalIgnoreCase))
        {
            return (MemberRole.Mentor, null);
        }
        var program = programs.FirstOrDefault(p =>
            p.Name.Equals(label, StringComparison.OrdinalIgnoreCase) || p.Code.Equals(label, StringComparison.OrdinalIgnoreCase));
        if (program is null)
        {
            var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var code = words.Length > 1 ? string.Concat(words.Select(w => char.ToUpperInvariant(w[0]))) : label.ToUpperInvariant();
            code = Slugs.Unique(code[..Math.Min(code.Length, 12)], c => programs.Any(p => p.Code == c));
            program = new ResearchProgram { Code = code, Name = label };
            programs.Add(program);
            db.Programs.Add(program);
            Result.Changes.Add($"New program {label} ({code})");
        }
        return (MemberRole.Researcher, program);
    }

    private Member? FindMember(string name, IReadOnlySet<Member> exclude)
    {
        var tokens = NameMatcher.Tokens(name);
        var candidates = members.Where(m => !exclude.Contains(m)).ToList();
        return candidates.FirstOrDefault(m => NameMatcher.Tokens(m.Name).SetEquals(tokens))
            ?? candidates.FirstOrDefault(m => NameMatcher.SamePerson(m.Name, name));
    }

    /// <summary>A name on a topic is a person of the team list when it names one (see NameMatcher), else a new person.</summary>
    private Member ResolveResearcher(string name) =>
        members.Where(m => m.InReadme).FirstOrDefault(m => NameMatcher.Tokens(m.Name).SetEquals(NameMatcher.Tokens(name)))
        ?? members.Where(m => m.InReadme).FirstOrDefault(m => NameMatcher.SamePerson(m.Name, name))
        ?? FindMember(name, exclude: new HashSet<Member>())
        ?? AddMember(name, program: null, MemberRole.Researcher, position: 1000 + members.Count, inReadme: false);

    private Member AddMember(string name, ResearchProgram? program, MemberRole role, int position, bool inReadme)
    {
        var slug = Slugs.Unique(Slugs.From(name), takenMemberSlugs.Contains);
        takenMemberSlugs.Add(slug);
        var member = new Member { Name = name, Slug = slug, Program = program, Role = role, Position = position, InReadme = inReadme };
        members.Add(member);
        db.Members.Add(member);
        Audit.Write(db, at, AuditActions.MemberAdded, author.Name, author.UserId, $"{name} joined the team list");
        Result.MembersAdded++;
        Result.Changes.Add($"New person: {name}");
        return member;
    }

    private void NoteMemberChange(Member member, string details)
    {
        Audit.Write(db, at, AuditActions.MemberChanged, author.Name, author.UserId, details);
        Result.MembersChanged++;
        Result.Changes.Add(details);
    }

    private Entry NewEntry(EntryKind kind, string? slug)
    {
        var entry = new Entry { Kind = kind, Slug = slug ?? "", Title = "", Visibility = Visibility.Public };
        if (slug is not null)
        {
            takenSlugs.Add(slug);
        }
        db.Entries.Add(entry);
        entries.Add(entry);
        return entry;
    }

    private void SetTitle(Entry entry, string title) => SlugMoves.Retitle(db, entry, title, takenSlugs, redirects);

    private void Keep(Entry entry, int position, string? before)
    {
        entry.Position = position;
        entry.InReadme = true;
        entry.Status = EntryStatus.Active;
        Record(entry, before, note);
    }

    private void RemoveUnlisted(IReadOnlyList<Entry> existing, Entry?[] matches)
    {
        foreach (var entry in existing.Where(e => e.InReadme && !matches.Contains(e)))
        {
            var before = RevisionRecorder.Snapshot(entry);
            entry.InReadme = false;
            entry.Status = EntryStatus.RemovedFromReadme;
            Record(entry, before, "Removed from the README");
        }
    }

    private void Record(Entry entry, string? before, string revisionNote)
    {
        var isNew = before is null;
        if (!recorder.RecordIfChanged(db, entry, before, author, at, revisionNote))
        {
            Result.Unchanged++;
            return;
        }
        var what = $"{entry.Kind} “{entry.Title}”";
        if (isNew)
        {
            Result.Created++;
            Result.Changes.Add($"New {what}");
        }
        else if (entry.Status == EntryStatus.RemovedFromReadme)
        {
            Result.Removed++;
            Result.Changes.Add($"{what} is no longer in the README (kept, marked removed)");
        }
        else
        {
            Result.Updated++;
            Result.Changes.Add($"{what}: revision {entry.RevisionNumber}");
        }
    }

    private static string PageTitle(string heading) => PlainText(heading).TrimEnd(':').Trim();

    /// <summary>A heading's text without its Markdown (emphasis, code, links), as a title shows it.</summary>
    private static string PlainText(string heading)
    {
        var plain = NormalizeSpace(Markdig.Markdown.ToPlainText("# " + heading));
        return plain.Length > 0 ? plain : heading.Trim();
    }

    private static bool SameTitle(string a, string b) => Slugs.From(a) == Slugs.From(b);

    private static string NormalizeSpace(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string TopicText(ReadmeTopic topic) =>
        string.Join(' ', [topic.Body, .. topic.Outputs.SelectMany(o => new[] { o.Title ?? "", o.Summary })]);

    private static string EntryText(Entry entry) =>
        string.Join(' ', [entry.BodyMarkdown, .. entry.Outputs.Where(o => o.Status != OutputStatus.Removed).SelectMany(o => new[] { o.Title ?? "", o.SummaryMarkdown })]);

    private sealed record Credit(string Name, Member Member);
}
