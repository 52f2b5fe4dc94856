using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.ImportExport;

/// <summary>
/// Everything the wiki holds (entries, revisions, discussion, reviews, members, accounts, activity) as one
/// JSON file, read from the EF model so that a new table is included without anyone remembering it.
/// Rows are written in key order and columns in model order, so exporting, restoring into an empty
/// database and exporting again gives the same bytes. Derived data (the search index) is rebuilt on import.
/// </summary>
public sealed class JsonArchive(IDbContextFactory<WikiDbContext> dbFactory, Audit audit)
{
    public const string Format = "promisingness-wiki-archive/1";

    public async Task WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteStartObject("tables");
        foreach (var type in Tables(db.Model))
        {
            writer.WritePropertyName(type.GetTableName()!);
            writer.WriteStartArray();
            var properties = type.GetProperties().ToList();
            var rows = Rows(db, type).Select(row => properties.Select(p => db.Entry(row).Property(p.Name).CurrentValue).ToArray()).ToList();
            var keys = type.FindPrimaryKey()!.Properties.Select(p => properties.IndexOf((IProperty)p)).ToList();
            rows.Sort((a, b) => CompareKeys(a, b, keys));
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < properties.Count; i++)
                {
                    writer.WritePropertyName(properties[i].Name);
                    WriteValue(writer, row[i]);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            db.ChangeTracker.Clear();
            await writer.FlushAsync(cancellationToken);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Restores an archive into a database with no entries and no accounts; anything else is refused and nothing
    /// changes. The audit row of the import is the one row an export of the result has beyond the archive's.
    /// </summary>
    public async Task<string> RestoreAsync(Stream input, WikiUser actor, string archiveName, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(input, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new ArchiveException($"This is not a wiki archive: the JSON is malformed ({e.Message}).");
        }
        using var _ = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("format", out var format) || format.GetString() != Format
            || !document.RootElement.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
        {
            throw new ArchiveException($"This is not a wiki archive: it lacks \"format\": \"{Format}\" and its tables.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Entries.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            throw new ArchiveException("The database already holds entries or accounts. Restore into a new, empty database file.");
        }
        var types = Tables(db.Model);
        var known = types.Select(t => t.GetTableName()!).ToHashSet();
        if (tables.EnumerateObject().Select(t => t.Name).FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new ArchiveException($"The archive has a table this version does not know: {unknown}. Use the version that wrote it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Rows the migrations seed (the programs) are replaced by the archive's own.
        foreach (var type in Enumerable.Reverse(types))
        {
#pragma warning disable EF1002 // The table name comes from our own model, not from input.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{type.GetTableName()}\"", cancellationToken);
#pragma warning restore EF1002
        }
        var total = 0;
        foreach (var type in types)
        {
            if (!tables.TryGetProperty(type.GetTableName()!, out var rows))
            {
                continue;
            }
            foreach (var row in rows.EnumerateArray())
            {
                var entity = Activator.CreateInstance(type.ClrType)!;
                var entry = db.Entry(entity);
                foreach (var property in type.GetProperties())
                {
                    if (row.TryGetProperty(property.Name, out var value))
                    {
                        entry.Property(property.Name).CurrentValue = ReadValue(value, property.ClrType, type.GetTableName()!, property.Name);
                    }
                }
                entry.State = EntityState.Added;
                total++;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        if (db.Database.IsPostgres())
        {
            await ContinueIdentitiesAsync(db, types, cancellationToken);
        }
        // After the identities continue: the audit row is a new row of its own.
        var summary = $"{total:N0} rows in {types.Count} tables";
        audit.Add(db, actor, AuditActions.Imported, $"JSON archive {archiveName} restored: {summary}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>
    /// PostgreSQL's identity columns do not advance when rows arrive with their ids, as restored rows do:
    /// each is set past the highest id, or the next new row would collide with a restored one.
    /// </summary>
    private static async Task ContinueIdentitiesAsync(WikiDbContext db, List<IEntityType> types, CancellationToken cancellationToken)
    {
        foreach (var type in types)
        {
            if (type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && (key.ClrType == typeof(int) || key.ClrType == typeof(long)))
            {
                var table = type.GetTableName();
                var column = key.GetColumnName();
#pragma warning disable EF1002 // Table and column names come from our own model, not from input.
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), coalesce(max(\"{column}\"), 0) + 1, false) FROM \"{table}\"",
                    cancellationToken);
#pragma warning restore EF1002
            }
        }
    }

    /// <summary>The model's tables, each after the tables it refers to.</summary>
    private static List<IEntityType> Tables(IModel model)
    {
        var pending = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var ready = pending.First(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType)));
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }

    private static IEnumerable<object> Rows(WikiDbContext db, IEntityType type)
    {
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
        return ((IEnumerable)set).Cast<object>();
    }

    private static int CompareKeys(object?[] a, object?[] b, List<int> keys)
    {
        foreach (var i in keys)
        {
            var order = Comparer<object>.Default.Compare(a[i]!, b[i]!);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case short s: writer.WriteNumberValue(s); break;
            case double d: writer.WriteNumberValue(d); break;
            case DateTimeOffset d: writer.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTime d: writer.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly d: writer.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Enum e: writer.WriteStringValue(e.ToString()); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case Guid g: writer.WriteStringValue(g); break;
            default: throw new NotSupportedException($"The archive cannot write a {value.GetType().Name}.");
        }
    }

    private static object? ReadValue(JsonElement value, Type type, string table, string column)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            return target switch
            {
                _ when target == typeof(string) => value.GetString(),
                _ when target == typeof(bool) => value.GetBoolean(),
                _ when target == typeof(int) => value.GetInt32(),
                _ when target == typeof(long) => value.GetInt64(),
                _ when target == typeof(short) => value.GetInt16(),
                _ when target == typeof(double) => value.GetDouble(),
                _ when target == typeof(DateTimeOffset) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ when target == typeof(DateTime) => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ when target == typeof(DateOnly) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ when target.IsEnum => Enum.Parse(target, value.GetString()!),
                _ when target == typeof(byte[]) => value.GetBytesFromBase64(),
                _ when target == typeof(Guid) => value.GetGuid(),
                _ => throw new NotSupportedException($"The archive cannot read a {target.Name}."),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new ArchiveException($"The archive's {table}.{column} holds {value} where a {target.Name} belongs.");
        }
    }
}

/// <summary>An archive that cannot be restored; nothing was changed.</summary>
public sealed class ArchiveException(string message) : Exception(message);
