using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SearchBench;

/// <summary>The searches to time, picked from the index's own vocabulary (fts5vocab) so that each class is what its name says.</summary>
internal sealed record BenchQueries(IReadOnlyList<(string Name, IReadOnlyList<string> Texts, double TargetP95)> Classes, IReadOnlyList<string> Prefixes)
{
    public static async Task<BenchQueries> PickAsync(string database, int entries)
    {
        await using var connection = new SqliteConnection($"DataSource={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await Execute(connection, "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'EntrySearch', 'row');");

        // Words in a handful of entries; typical ones in 1–10% of them; the most common in nearly all.
        var rare = await Terms(connection, "SELECT term FROM temp.vocab WHERE doc BETWEEN 2 AND 12 AND length(term) >= 6 AND term GLOB '[a-z]*' ORDER BY doc DESC, term LIMIT 8");
        var middle = await Terms(connection, $"SELECT term FROM temp.vocab WHERE doc BETWEEN {entries / 100} AND {entries / 10} AND length(term) >= 5 AND term GLOB '[a-z]*' ORDER BY doc DESC LIMIT 12");
        var common = await Terms(connection, "SELECT term FROM temp.vocab ORDER BY cnt DESC LIMIT 2");
        var phrase = await Terms(connection, "SELECT body FROM EntrySearch WHERE rowid = (SELECT max(rowid) / 2 FROM EntrySearch)");
        var words = phrase[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsLetter)).Skip(20).Take(3).ToList();

        List<string> typical =
        [
            middle[0],
            middle[1],
            $"{middle[2]} {middle[3]}",
            $"{middle[4]} {middle[5]} {middle[6]}",
            $"\"{string.Join(' ', words.Take(2))}\"",
            middle[7][..4],
            "sparse autoencoders",
            "alignment research",
            $"{middle[8]} {rare[0]}",
            "interpretability",
        ];
        return new BenchQueries(
            [
                ("rare terms", rare, 20),
                ("typical queries", typical, 20),
                ("most common term", [common[0]], 100),
                ("two most common terms", [$"{common[0]} {common[1]}"], 100),
            ],
            ["al", "alig", "sparse auto", middle[9][..3]]);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> Terms(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var terms = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            terms.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
        return terms;
    }
}
