"""The Textual face of cognito-tui. Never imports boto3: AWS calls go through service.py in workers."""
