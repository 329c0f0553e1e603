namespace FedUnlearn.Learning.Data;

/// <summary>A data file is malformed: wrong magic number, count, dimension, or a bad CSV row.</summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception; the message already names the file and the line, if any.</summary>
    public DatasetFormatException(string message, string? file = null, int? lineNumber = null)
        : base(message)
    {
        File = file;
        LineNumber = lineNumber;
    }

    /// <summary>The file (or stream description) at fault, when known.</summary>
    public string? File { get; }

    /// <summary>The 1-based line number at fault in a text file, when there is one.</summary>
    public int? LineNumber { get; }
}
