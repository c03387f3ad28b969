namespace Flyte.Bundles;

/// <summary>A code bundle written to disk by <see cref="CodeBundle.CreateFileAsync"/>.</summary>
/// <param name="Path">Full path of the bundle, named <c>fast&lt;md5&gt;.tar.gz</c>.</param>
/// <param name="Md5Hex">Lower-case hex MD5 of the bundle's bytes; also the code version.</param>
internal sealed record CodeBundleFile(string Path, string Md5Hex)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
