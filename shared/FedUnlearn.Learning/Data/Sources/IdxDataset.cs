using System.Numerics.Tensors;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Sources;

/// <summary>
/// Loads an IDX image file (rank 3: count × rows × columns, unsigned bytes) and its label file
/// (rank 1) into a <see cref="DenseDataset"/> of shape <c>[1, rows, columns]</c>, pixels scaled to
/// [0, 1] (byte / 255, as torchvision's ToTensor; normalisation is a separate step).
/// </summary>
public static class IdxDataset
{
    /// <summary>Reads, validates and converts the two files.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DatasetFormatException">A magic number, count, dimension or label is wrong,
    /// or a file is truncated; the message names the file.</exception>
    public static async Task<DenseDataset> LoadAsync(
        string imagesPath, string labelsPath, IdxDatasetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var imagesTask = IdxFile.ReadAsync(imagesPath, expectedRank: 3, cancellationToken);
        var labelsTask = IdxFile.ReadAsync(labelsPath, expectedRank: 1, cancellationToken);
        await Task.WhenAll(imagesTask, labelsTask);
        var images = await imagesTask;
        var labelFile = await labelsTask;

        int count = images.Dimensions[0], rows = images.Dimensions[1], columns = images.Dimensions[2];
        if (options.ExpectedCount is { } expected && count != expected)
            throw new DatasetFormatException($"IDX file '{imagesPath}' holds {count} images; {options.Name} has {expected}.", imagesPath);
        if (labelFile.Dimensions[0] != count)
            throw new DatasetFormatException($"IDX files disagree: '{imagesPath}' holds {count} images but '{labelsPath}' holds {labelFile.Dimensions[0]} labels.", labelsPath);
        if (count == 0)
            throw new DatasetFormatException($"IDX file '{imagesPath}' holds no images.", imagesPath);
        if ((options.ExpectedRows is { } r && rows != r) || (options.ExpectedColumns is { } c && columns != c) || rows == 0 || columns == 0)
            throw new DatasetFormatException(
                $"IDX file '{imagesPath}' holds {rows}×{columns} images; {options.Name} expects {options.ExpectedRows?.ToString() ?? "any"}×{options.ExpectedColumns?.ToString() ?? "any"} (non-empty).",
                imagesPath);

        var labels = new long[count];
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            var label = labelFile.Payload[i];
            if (label >= options.ClassCount)
                throw new DatasetFormatException($"IDX file '{labelsPath}': label {label} of sample {i} is outside [0, {options.ClassCount}).", labelsPath);
            labels[i] = label;
            ids[i] = options.IdOffset + i;
        }

        var features = GC.AllocateUninitializedArray<float>(images.Payload.Length);
        TensorPrimitives.ConvertTruncating<byte, float>(images.Payload, features);
        // Divide rather than multiply by 1/255 so values match torchvision's ToTensor bit for bit.
        TensorPrimitives.Divide(features, 255f, features);
        return new DenseDataset(options.Name, features, labels, ids, [1, rows, columns], options.ClassCount, options.ClassNames);
    }
}
