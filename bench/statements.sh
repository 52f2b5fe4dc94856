#!/usr/bin/env bash
# The statements QueryPlanTests changed, before and after, timed on a wiki's SQLite file (read only), e.g. the
# search benchmark's 100,000 entries:
#   bench/statements.sh /tmp/promisingness-search-bench-100000.db [RUNS]
# Prints the mean time of each statement over RUNS runs (default 200), with its query plan.
set -euo pipefail

db=${1:?usage: bench/statements.sh DATABASE [RUNS]}
runs=${2:-200}

# An entry that exists, and the slugs and ids around it, from the file itself.
slug=$(sqlite3 -readonly "$db" "SELECT Slug FROM Entries ORDER BY Id DESC LIMIT 1")
entry=$(sqlite3 -readonly "$db" "SELECT Id FROM Entries ORDER BY Id DESC LIMIT 1")
member=$(sqlite3 -readonly "$db" "SELECT COALESCE(MIN(MemberId), 0) FROM TopicResearchers")
candidates="'$slug'$(for n in $(seq 2 20); do printf ", '%s-%s'" "$slug" "$n"; done)"

time_statement() {
    local name=$1 sql=$2 file
    file=$(mktemp)
    for _ in $(seq "$runs"); do echo "$sql;" >> "$file"; done
    local start end
    start=$(date +%s%N)
    sqlite3 -bail -readonly "$db" < "$file" > /dev/null
    end=$(date +%s%N)
    rm -f "$file"
    printf '%-44s %9.1f µs   %s\n' "$name" "$(echo "($end - $start) / $runs / 1000" | bc -l)" \
        "$(sqlite3 -readonly "$db" "EXPLAIN QUERY PLAN $sql" | sed 's/^[|` -]*//' | grep -v '^QUERY PLAN' | paste -sd ';' -)"
}

echo "$db: $(sqlite3 -readonly "$db" "SELECT COUNT(*) FROM Entries") entries, $runs runs each, SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo
echo "A title's slug taken? (every create and rename)"
time_statement "before: LIKE prefix" "SELECT Id, Slug, Title FROM Entries WHERE Slug LIKE '$slug%' ESCAPE '\\'"
time_statement "after: the 20 slugs it could take" "SELECT Id, Slug, Title FROM Entries WHERE Slug IN ($candidates)"
time_statement "before: redirects, LIKE prefix" "SELECT Slug, EntryId FROM SlugRedirects WHERE Slug LIKE '$slug%' ESCAPE '\\' OR EntryId = $entry"
time_statement "after: redirects of the 20 slugs" "SELECT Slug, EntryId FROM SlugRedirects WHERE Slug IN ($candidates)"
echo
echo "Entries waiting for a new slug (every create and rename)"
time_statement "before: EXISTS per entry" "SELECT Id FROM Entries AS e WHERE EXISTS (SELECT 1 FROM EntryLinks AS l WHERE l.ToSlug = '$slug' AND l.FromEntryId = e.Id)"
time_statement "after: IN the links to it" "SELECT Id FROM Entries AS e WHERE e.Id IN (SELECT l.FromEntryId FROM EntryLinks AS l WHERE l.ToSlug = '$slug')"
echo
echo "A renamed entry's new slug (every page not found)"
time_statement "before: EXISTS per entry of the kind" "SELECT Slug FROM Entries AS e WHERE e.Visibility = 'Public' AND EXISTS (SELECT 1 FROM SlugRedirects AS r WHERE r.Slug = '$slug-old' AND r.EntryId = e.Id) AND e.Kind = 'Page' LIMIT 1"
time_statement "after: the redirect, then its entry" "SELECT e.Slug FROM SlugRedirects AS r INNER JOIN Entries AS e ON r.EntryId = e.Id WHERE r.Slug = '$slug-old' AND e.Visibility = 'Public' AND e.Kind = 'Page' LIMIT 1"
echo
echo "A member's topics (the member's page)"
time_statement "before: topics, EXISTS a credit" "SELECT Id FROM Entries AS e WHERE e.Visibility = 'Public' AND e.Kind = 'Topic' AND EXISTS (SELECT 1 FROM TopicResearchers AS t WHERE e.Id = t.EntryId AND t.MemberId = $member) ORDER BY e.Status, e.Position, e.Id"
time_statement "after: IN the member's credits" "SELECT Id FROM Entries AS e WHERE e.Visibility = 'Public' AND e.Id IN (SELECT t.EntryId FROM TopicResearchers AS t WHERE t.MemberId = $member) ORDER BY e.Status, e.Position, e.Id"
echo
echo "A question's topics (the question's page)"
time_statement "before: EXISTS a link per entry" "SELECT e.Slug, e.Title FROM Entries AS e WHERE EXISTS (SELECT 1 FROM QuestionTopics AS q INNER JOIN Entries AS e0 ON q.QuestionId = e0.Id WHERE q.TopicId = e.Id AND e0.Slug = '$slug') AND e.Visibility = 'Public' ORDER BY e.Title"
time_statement "after: IN the question's links" "SELECT e.Slug, e.Title FROM Entries AS e WHERE e.Id IN (SELECT q.TopicId FROM QuestionTopics AS q INNER JOIN Entries AS e0 ON q.QuestionId = e0.Id WHERE e0.Slug = '$slug') AND e.Visibility = 'Public' ORDER BY e.Title"
echo
echo "A topic's questions (the topic page's side lists)"
time_statement "before: questions IN the topic's links" "SELECT e.Title FROM Entries AS e WHERE e.Kind = 'Question' AND e.Visibility = 'Public' AND e.Id IN (SELECT q.QuestionId FROM QuestionTopics AS q INNER JOIN Entries AS e0 ON q.TopicId = e0.Id WHERE e0.Slug = '$slug')"
time_statement "after: the topic's links, then questions" "SELECT e.Title FROM QuestionTopics AS q INNER JOIN Entries AS e0 ON q.TopicId = e0.Id INNER JOIN Entries AS e ON q.QuestionId = e.Id WHERE e0.Slug = '$slug' AND e.Visibility = 'Public'"
