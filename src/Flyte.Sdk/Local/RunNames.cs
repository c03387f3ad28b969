using System.Security.Cryptography;

namespace Flyte.Local;

/// <summary>Run names like Flyte's: a letter, then random lower-case letters and digits.</summary>
internal static class RunNames
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => "r" + RandomNumberGenerator.GetString(Alphabet, 19);
}
