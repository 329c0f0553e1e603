using System.Globalization;
using FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// Files: <c>round-NNNNNNNNNNNN.ledger</c> per kept round (the <see cref="AmnesiacLedger"/> format) and
/// <c>journal.index</c> (evicted rounds, their ids, subtraction claims), each written to a temporary
/// file and renamed, each ending in a SHA-256.
/// </summary>
public sealed partial class AmnesiacJournal
{
    /// <summary>The index file's name in <see cref="DirectoryPath"/>.</summary>
    public const string IndexFileName = "journal.index";

    private const string RoundPrefix = "round-", RoundSuffix = ".ledger";

    /// <summary>Reads the directory (once; later calls return at once). Files of evicted rounds left by a crash are deleted.</summary>
    /// <exception cref="InvalidDataException">A round file or the index is corrupted or truncated.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_opened) return;
            }

            Directory.CreateDirectory(DirectoryPath);
            var index = Path.Combine(DirectoryPath, IndexFileName);
            var state = File.Exists(index)
                ? JournalIndexCodec.Decode(await File.ReadAllBytesAsync(index, cancellationToken).ConfigureAwait(false), index)
                : new JournalIndex([], [], new Dictionary<string, List<(long, long)>>());
            var rounds = new SortedDictionary<long, AmnesiacLedger>();
            foreach (var file in Directory.EnumerateFiles(DirectoryPath, RoundPrefix + "*" + RoundSuffix))
            {
                if (ParseRound(file) is not { } round) continue;
                if (state.Evicted.Contains(round)) File.Delete(file);
                else rounds[round] = await AmnesiacLedger.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                foreach (var (round, ledger) in rounds) _rounds[round] = ledger;
                _evicted.UnionWith(state.Evicted);
                _lost.UnionWith(state.Lost);
                foreach (var (key, batches) in state.Claims) _claims[key] = [.. batches.Where(b => _rounds.ContainsKey(b.Round))];
                _opened = true;
            }
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Writes the index (subtraction claims made since the last write): call after a subtraction, before its result leaves the node.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpened();
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteIndexAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    private async Task WriteIndexAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        lock (_gate)
        {
            bytes = JournalIndexCodec.Encode(new JournalIndex(
                [.. _evicted], [.. _lost], _claims.ToDictionary(c => c.Key, c => c.Value.ToList(), StringComparer.Ordinal)));
        }

        var path = Path.Combine(DirectoryPath, IndexFileName);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private string RoundPath(long round) =>
        Path.Combine(DirectoryPath, RoundPrefix + round.ToString("D12", CultureInfo.InvariantCulture) + RoundSuffix);

    private static long? ParseRound(string path)
    {
        var name = Path.GetFileName(path);
        var digits = name[RoundPrefix.Length..^RoundSuffix.Length];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var round) ? round : null;
    }
}
