namespace IamOps.BucketAccess;

/// <summary>What a grant lets the principal do with objects under the bucket prefix; every level may list that prefix.</summary>
public enum BucketAccessLevel
{
    /// <summary>Download objects (s3:GetObject).</summary>
    Read,

    /// <summary>Upload objects, multipart included (s3:PutObject, s3:AbortMultipartUpload).</summary>
    Write,

    /// <summary>Read and Write together.</summary>
    ReadWrite,

    /// <summary>List keys only; no object access.</summary>
    List,
}
