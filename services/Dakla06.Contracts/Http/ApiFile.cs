namespace Dakla06.Contracts.Http;

/// <summary>A small file an API answered with (an Excel export): its bytes, the name the API gave it and its type.</summary>
public sealed record ApiFile(byte[] Content, string FileName, string ContentType);
