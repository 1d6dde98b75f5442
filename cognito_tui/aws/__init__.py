"""The only package that talks to AWS (boto3, botocore, pycognito). Imports them lazily."""
