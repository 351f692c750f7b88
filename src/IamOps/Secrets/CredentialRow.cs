namespace IamOps.Secrets;

/// <summary>One line of a credentials CSV, in the columns of the file the IAM console offers for download.</summary>
public sealed record CredentialRow(string UserName, string? Password, string? AccessKeyId, string? SecretAccessKey, string ConsoleSignInUrl);
